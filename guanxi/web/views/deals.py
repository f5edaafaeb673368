from django.http import Http404

def _missing(*a, **k):
    raise Http404

deal_list = _missing
deal_detail = _missing
