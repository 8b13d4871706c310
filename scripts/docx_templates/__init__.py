"""Descriptions of the .docx templates, one module per family of documents."""
