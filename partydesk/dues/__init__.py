"""Party dues (党费): bases and reliefs (`bases`), payments and corrections (`payments`),
what is due and paid per member and month (`schedule`: the grid, arrears, the township
summary), reminders, Excel in and out, and the links to the rubric and the points card.

Amounts are integer fen (分), months integers yyyymm (see `months`)."""
