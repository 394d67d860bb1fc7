"""The labour-market value scan, the 360° ratings, occupations in demand and vacancies."""
