if x:
	pass
  y
