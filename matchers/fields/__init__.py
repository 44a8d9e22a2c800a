"""Stage 2b — readers: field values and facts read out of one document of a known kind.

``form_fields`` reads the declaration's label/value pairs wherever they sit (tables, label：
value lines, prose); ``business_license``, ``financial_statement``, ``id_card`` and
``social_insurance`` read their document kinds; ``structured_tables`` and ``sections`` read
declared tables and narrative sections; the rest (labels, field values, option marks,
heading rows, OCR rows, stated figures) are the shared means they read with."""
