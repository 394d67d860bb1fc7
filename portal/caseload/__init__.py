"""Which e-coach follows which Zelfdoener (the caseload), with its history."""
