from django.http import Http404

def _missing(*a, **k):
    raise Http404

account_list = _missing
account_detail = _missing
