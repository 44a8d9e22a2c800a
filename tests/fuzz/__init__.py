"""Fuzz and property tests for hostile input (issue 11): random text through the domain
parsers, mutated files through the extractors, and the "a bad file changes nothing about
the good ones" property of the pipeline. Deterministic (derandomized Hypothesis, fixed
seeds) and fast: the whole folder runs in well under a minute."""
