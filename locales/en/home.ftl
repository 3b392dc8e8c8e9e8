home-title = Home
home-today = Today is { $date }
home-last-login = last sign-in { $when }
home-first-login = first sign-in
home-sites = sites
home-members = members
home-more-soon = Stock, invoices and missions figures will appear here as those areas are built.
