"""Every change of state in the community app, one function per use case, split by
sub-domain. Views, the API, commands and tasks all call these."""
