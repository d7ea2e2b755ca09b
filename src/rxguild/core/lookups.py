"""`__in` on integer columns ignores values no integer column can hold.

Django already treats `pk=2**70` as matching nothing (its IntegerFieldOverflow lookups for
exact, gt, gte, lt, lte) but passes `pk__in=[2**70]` to the database, where SQLite raises
OverflowError: a 500 from any form or API field that takes ids (a ModelMultipleChoiceField
checks its choices with `__in`). Registered once on IntegerField, so every integer and id
column, primary and foreign keys included, behaves the same. PostgreSQL compares such a
value as numeric and finds nothing, which is the same answer.
"""

from __future__ import annotations

from typing import Any

from django.db.models import IntegerField
from django.db.models.lookups import In


@IntegerField.register_lookup
class IntegerFieldIn(In):
    def process_rhs(self, compiler: Any, connection: Any) -> Any:
        if self.rhs_is_direct_value():
            low, high = connection.ops.integer_field_range(
                self.lhs.output_field.get_internal_type()
            )
            self.rhs = [
                value
                for value in self.rhs
                if not isinstance(value, int)
                or ((low is None or value >= low) and (high is None or value <= high))
            ]
        return super().process_rhs(compiler, connection)
