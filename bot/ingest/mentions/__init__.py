"""Who and what a report names: people, bodies, countries and places, with the roles the
report gives them."""
