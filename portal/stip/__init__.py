"""STIP: volunteers at neighbourhood help points act for a person, with consent, for 2 hours."""
