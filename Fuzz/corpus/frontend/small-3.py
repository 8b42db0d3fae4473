'''open
