"""``briefgen serve``: the live preview (a loopback server, a file watcher, reloads).

The build it keeps warm lives in :mod:`briefgen.build.warm`; this package is
only the server and the watcher around it.
"""
