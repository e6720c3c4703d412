// Command python-virtualenv-shim gives Pulumi.yaml's `runtime.options.virtualenv` to the Python language host
// of sdk/v3 v3.68.0 and to the dynamic-provider plugin, both installed by scripts/bootstrap-pulumi.
//
// Why: a v3.274 CLI hands `runtime.options` to the language host inside each RPC request, where the v3.68 host
// never looks: it learns the virtualenv only from its own command line (`-virtualenv`, resolved against
// `-root`), which the CLI no longer passes. Without this, the program runs on whatever `python3` is on PATH.
//
// The bootstrap installs this one binary under two names, each in front of Pulumi's own file renamed with
// the suffix `.upstream` beside it:
//
//   - pulumi-language-python: finds the project file from its working directory (the program's folder) upwards,
//     reads `runtime.options.virtualenv` and execs the real host with `-virtualenv <value> -root <project>`.
//     Without the option it passes nothing, and the host runs the `python3` on PATH (or PULUMI_PYTHON_CMD).
//   - pulumi-resource-pulumi-python: the engine already passes the option as PULUMI_RUNTIME_VIRTUALENV, but the
//     plugin script resolves a relative path against its working directory, the program's folder, which is
//     not the project's root when Pulumi.yaml sets `main`; this makes it absolute against the project's root,
//     so the provider runs on the same virtualenv as the program.
package main

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"syscall"

	"gopkg.in/yaml.v3"
)

// sourceHash is set at build time (-X main.sourceHash=...) so the bootstrap can tell an outdated shim apart.
var sourceHash = "unset"

// The project files the CLI reads, in its order of preference.
var projectFiles = []string{"Pulumi.yaml", "Pulumi.yml", "PulumiPlugin.yaml", "PulumiPolicy.yaml"}

const upstreamSuffix = ".upstream"

func main() {
	self, err := os.Executable()
	if err != nil {
		fail(fmt.Errorf("finding this executable: %w", err))
	}
	name := filepath.Base(os.Args[0])
	upstream := filepath.Join(filepath.Dir(self), name+upstreamSuffix)
	args := os.Args[1:]
	env := os.Environ()
	switch name {
	case "pulumi-language-python":
		args, err = languageHostArgs(args)
	case "pulumi-resource-pulumi-python":
		env, err = providerEnv(env)
	default:
		err = fmt.Errorf("installed as %q: expected pulumi-language-python or pulumi-resource-pulumi-python "+
			"(shim %s)", name, sourceHash)
	}
	if err != nil {
		fail(err)
	}
	// exec, not a child process: the CLI stops the plugin by its process ID and reads the port it prints.
	fail(syscall.Exec(upstream, append([]string{upstream}, args...), env))
}

// languageHostArgs adds `-virtualenv` and `-root` for the project of the working directory, unless given.
func languageHostArgs(args []string) ([]string, error) {
	for _, arg := range args {
		if arg == "-virtualenv" || arg == "--virtualenv" || strings.HasPrefix(arg, "-virtualenv=") ||
			strings.HasPrefix(arg, "--virtualenv=") {
			return args, nil
		}
	}
	cwd, err := os.Getwd()
	if err != nil {
		return nil, fmt.Errorf("reading the working directory: %w", err)
	}
	root, file, err := findProject(cwd)
	if err != nil || file == "" {
		return args, err
	}
	virtualenv, err := virtualenvOption(file)
	if err != nil || virtualenv == "" {
		return args, err
	}
	return append([]string{"-virtualenv", virtualenv, "-root", root}, args...), nil
}

// providerEnv makes a relative PULUMI_RUNTIME_VIRTUALENV absolute against the project's root.
func providerEnv(env []string) ([]string, error) {
	virtualenv := os.Getenv("PULUMI_RUNTIME_VIRTUALENV")
	if virtualenv == "" || filepath.IsAbs(virtualenv) {
		return env, nil
	}
	cwd, err := os.Getwd()
	if err != nil {
		return nil, fmt.Errorf("reading the working directory: %w", err)
	}
	root, file, err := findProject(cwd)
	if err != nil || file == "" {
		return env, err
	}
	resolved := "PULUMI_RUNTIME_VIRTUALENV=" + filepath.Join(root, virtualenv)
	out := make([]string, 0, len(env))
	for _, kv := range env {
		if !strings.HasPrefix(kv, "PULUMI_RUNTIME_VIRTUALENV=") {
			out = append(out, kv)
		}
	}
	return append(out, resolved), nil
}

// findProject returns the nearest folder from dir upwards holding a project file, and that file ("" if none).
func findProject(dir string) (string, string, error) {
	for {
		for _, name := range projectFiles {
			path := filepath.Join(dir, name)
			info, err := os.Stat(path)
			if err == nil && !info.IsDir() {
				return dir, path, nil
			}
			if err != nil && !errors.Is(err, fs.ErrNotExist) {
				return "", "", fmt.Errorf("looking for the project file: %w", err)
			}
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return "", "", nil
		}
		dir = parent
	}
}

// virtualenvOption reads `runtime.options.virtualenv` ("" when the runtime is a bare name or has no such option).
func virtualenvOption(file string) (string, error) {
	data, err := os.ReadFile(file)
	if err != nil {
		return "", fmt.Errorf("reading %s: %w", file, err)
	}
	var project struct {
		Runtime yaml.Node `yaml:"runtime"`
	}
	if err := yaml.Unmarshal(data, &project); err != nil {
		return "", fmt.Errorf("reading %s: %w", file, err)
	}
	if project.Runtime.Kind != yaml.MappingNode {
		return "", nil
	}
	var runtime struct {
		Options map[string]yaml.Node `yaml:"options"`
	}
	if err := project.Runtime.Decode(&runtime); err != nil {
		return "", fmt.Errorf("reading runtime.options in %s: %w", file, err)
	}
	node, ok := runtime.Options["virtualenv"]
	if !ok {
		return "", nil
	}
	var virtualenv string
	if node.Kind != yaml.ScalarNode || node.Decode(&virtualenv) != nil {
		return "", fmt.Errorf("runtime.options.virtualenv in %s: must be a path (a string)", file)
	}
	return virtualenv, nil
}

func fail(err error) {
	fmt.Fprintf(os.Stderr, "%s: %v\n", filepath.Base(os.Args[0]), err)
	os.Exit(1)
}
