from django.http import Http404

def _missing(*a, **k):
    raise Http404

employee_list = _missing
employee_detail = _missing
