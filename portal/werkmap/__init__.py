"""The Werkmap: the applicant's job-search log, CV and work profile, owned by the applicant."""
