lambda *a, **k: (yield)
