"""Representation: bewindvoerders, mentors, curators and people the person authorised act for
the person lastingly, with their own account (the mandates themselves: portal.mandates)."""
