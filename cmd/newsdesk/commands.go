package main

// commands lists the subcommands other than tool and help.
func commands() map[string]command {
	return map[string]command{}
}
