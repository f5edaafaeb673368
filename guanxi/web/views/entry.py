from django.http import Http404

def _missing(*a, **k):
    raise Http404

person_form = _missing
tie_form = _missing
interaction_form = _missing
deal_form = _missing
role_form = _missing
