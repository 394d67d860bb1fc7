"""Collective information meetings (voorlichting) for Zelfdoeners."""
