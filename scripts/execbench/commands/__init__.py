"""The command line of each script under scripts/: its argparse parser and
main(), which parses, calls the library, writes the output and returns the
exit code (command_line.py states the rules they share). Each module's
docstring is the command's manual; scripts/<name> runs commands/<name>.py,
and scripts/run runs rounds.py for its rounds of repetitions.
"""
