reutrn 1
