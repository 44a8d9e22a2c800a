"""OFD (GB/T 33190) packages: China's fixed-layout format for e-licences and e-invoices.

``package`` opens the ZIP and its XML safely; ``document`` walks OFD.xml → Document.xml
and the resources; ``geometry`` parses numbers, CTMs, path data and colours; ``content``
turns a page (with its templates) into positioned glyphs, images and paths in millimetres
with a top-left origin; ``signatures`` finds the seal pictures of electronic signatures;
``render`` draws a page; ``layout`` hands the glyphs to the PDF extractor's text layer in
points; ``tables`` finds ruled tables in the drawn rules. ``extractor.ofd_extractor``
puts them together."""
