//go:build !linux

package main

import "time"

// threadCPU returns 0: this system's thread clock is not read here.
func threadCPU() time.Duration { return 0 }
