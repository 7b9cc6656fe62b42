"""The news report as a document: page text cleaned of furniture and appended items, its
sentences, and paragraphs read as passages."""
