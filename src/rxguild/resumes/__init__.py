# The ATS engine runs compiled when `make install` has built it for these very sources.
from rxguild.resumes import ats_native

ats_native.install()
