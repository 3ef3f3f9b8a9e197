// Filled in by the tests of this file.
int main() { return 0; }
