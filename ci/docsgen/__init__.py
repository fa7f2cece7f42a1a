"""docsgen: the teaching pages and docs/catalog.md from the cases and their real runs (issue 15).

One module per job: runs (read the runs), model (cases, roles, the path, reports), diagrams (layouts for
templates/diagram.svg), highlight (Pygments), pages (Jinja2 into docs/site/), catalog (docs/catalog.md), cli."""
