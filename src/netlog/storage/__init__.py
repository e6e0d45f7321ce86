"""Storage: where the database is (location), its engine and sessions (engine, store), its schema versions
(migrations, opening), every read as a statement over the models (statements, compiled, reads, fast) and
every write through a SQLModel Session (records). Import the submodule you need: this package imports
nothing, so the fast paths load only what they use."""
