"""The build program: ``content/`` + templates → ``site/``, incrementally and atomically.

Read in the order a build runs: :mod:`~briefgen.build.run` (the orchestrator)
→ :mod:`~briefgen.build.inputs` (what a build reads, by stat) →
:mod:`~briefgen.build.pipeline` (gather, then write) →
:mod:`~briefgen.build.load` and :mod:`~briefgen.build.content` (content files,
parsed once and cached by :mod:`~briefgen.build.cache`) →
:mod:`~briefgen.build.deps` (what each page read) →
:mod:`~briefgen.build.output` (staging, journal, publish) →
:mod:`~briefgen.build.search` (Pagefind). :mod:`~briefgen.build.parallel`
spreads work over cores; :mod:`~briefgen.build.warm` keeps a build in memory
for the preview and patches single edits into it.

Only :mod:`~briefgen.build.run` is imported here, so ``from briefgen.build
import build_site`` stays cheap: a build with nothing to do never loads Jinja.
"""

from briefgen.build.run import BuildReport, build_site, prepare
from briefgen.errors import BuildFailed

__all__ = ["BuildFailed", "BuildReport", "build_site", "prepare"]
