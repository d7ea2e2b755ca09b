"""The one router every growth API module adds its endpoints to."""

from ninja import Router

# Operation ids are given per endpoint ("rxguild_growth_api_<name>"), so they stayed the same
# when api.py became this package and do not change if an endpoint moves between modules.
router = Router(tags=["growth"])
