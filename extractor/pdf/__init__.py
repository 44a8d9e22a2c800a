"""Pieces of the PDF extractor (:mod:`extractor.pdf_extractor`): the page frame, what
pdfium says about a page's objects, the text layer laid out by position, whether that
layer can be trusted, and how a hidden layer compares with OCR of the page image."""
