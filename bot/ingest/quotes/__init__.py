"""Who said what: quotations, their speakers, and asides that name them."""
