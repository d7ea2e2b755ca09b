"""The API app gathers the routers; see rxguild.api.main."""
