from django.http import Http404

def _missing(*a, **k):
    raise Http404

import_page = _missing
