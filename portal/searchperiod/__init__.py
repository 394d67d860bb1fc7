"""The zoekperiode: four weeks of looking for work (and/or school) before the first conversation."""
