// The `confide` executable: the only code the tests do not link.
#include <iostream>

#include "cli/cli.h"

int main(int argc, char** argv) { return confide::cli::RunCli(argc, argv, std::cout, std::cerr); }
