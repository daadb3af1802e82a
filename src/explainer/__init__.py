"""The explainer generator's core: pure logic that the MkDocs hooks in `hooks/` call.

Foundations every feature uses: `location` (where a message points), `data` (the one YAML
loader), `rules` (keys and dates), `options` (a feature's block under `extra:` in mkdocs.yml),
`strings` (what a reader sees, per language) and `markers` (lines that ask for generated
content). Features live beside them: `citations`, `glossary`,
`timeline`, `seo`.
"""
