from django.http import Http404

def _missing(*a, **k):
    raise Http404

competitor_list = _missing
competitor_detail = _missing
