"""RxGuild: a self-hostable professional support system for pharmacy technicians."""
