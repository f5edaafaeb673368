from django.http import Http404

def _missing(*a, **k):
    raise Http404

person_detail = _missing
