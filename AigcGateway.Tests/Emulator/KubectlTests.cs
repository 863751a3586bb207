using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text;
using AigcGateway.Tests.Infrastructure;
using k8s;

namespace AigcGateway.Tests.Emulator;

[Trait(TestCategory.Name, TestCategory.Slow)]
public sealed class KubectlTests
{
    private static string Kubectl()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "AigcGateway.sln")))
        {
            dir = dir.Parent;
        }

        dir.ShouldNotBeNull("the repository root (AigcGateway.sln) was not found above the test binaries");
        var path = Path.Combine(dir.FullName, ".tools", "bin", "kubectl");
        File.Exists(path).ShouldBeTrue($"{path} is missing: run scripts/install-kube-tools.sh");
        return path;
    }

    /// <summary>A kubectl process whose output lines are collected by event handlers (pipe reads never block the test).</summary>
    private sealed class KubectlProcess : IDisposable
    {
        private readonly Process _process;
        private readonly SemaphoreSlim _lineArrived = new(0);

        public KubectlProcess(string kubeconfig, string[] args)
        {
            var info = new ProcessStartInfo(Kubectl())
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
                StandardOutputEncoding = Encoding.UTF8,
            };
            info.ArgumentList.Add($"--kubeconfig={kubeconfig}");
            foreach (var arg in args)
            {
                info.ArgumentList.Add(arg);
            }

            info.Environment["HOME"] = Path.GetDirectoryName(kubeconfig)!;
            _process = new Process { StartInfo = info };
            _process.OutputDataReceived += (_, e) =>
            {
                if (e.Data is not null)
                {
                    Out.Enqueue(e.Data);
                    _lineArrived.Release();
                }
            };
            _process.ErrorDataReceived += (_, e) =>
            {
                if (e.Data is not null)
                {
                    Err.Enqueue(e.Data);
                }
            };
            _process.Start();
            _process.BeginOutputReadLine();
            _process.BeginErrorReadLine();
        }

        public ConcurrentQueue<string> Out { get; } = new();

        public ConcurrentQueue<string> Err { get; } = new();

        public int ExitCode => _process.ExitCode;

        public string Output => string.Join('\n', Out);

        public string Errors => string.Join('\n', Err);

        public async Task ExitAsync()
        {
            await _process.WaitForExitAsync(EmulatorHarness.Ct).WaitAsync(EmulatorHarness.Bound, EmulatorHarness.Ct);
            _process.WaitForExit(); // drains the output handlers
        }

        public async Task WaitForLineAsync(string text)
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(EmulatorHarness.Ct);
            timeout.CancelAfter(EmulatorHarness.Bound);
            while (!Out.Any(l => l.Contains(text, StringComparison.Ordinal)))
            {
                _process.HasExited.ShouldBeFalse($"kubectl ended: {Output}\n{Errors}");
                await _lineArrived.WaitAsync(TimeSpan.FromMilliseconds(200), timeout.Token);
            }
        }

        public void Dispose()
        {
            if (!_process.HasExited)
            {
                _process.Kill();
            }

            _process.Dispose();
            _lineArrived.Dispose();
        }
    }

    private static async Task<KubectlProcess> RunAsync(string kubeconfig, params string[] args)
    {
        var process = new KubectlProcess(kubeconfig, args);
        await process.ExitAsync();
        return process;
    }

    [Fact]
    public async Task Kubectl_lists_watches_patches_and_deletes_against_the_emulator()
    {
        await using var h = await EmulatorHarness.StartAsync();
        await h.CreateSetAsync("sd", 1);
        var dir = Directory.CreateTempSubdirectory("aigc-kubectl-");
        try
        {
            var kubeconfig = h.Emulator.WriteKubeconfig(Path.Combine(dir.FullName, "config"));

            using (var get = await RunAsync(kubeconfig, "get", "gss", "-A"))
            {
                get.ExitCode.ShouldBe(0, get.Errors);
                var lines = get.Output.Split('\n');
                lines[0].Split(' ', StringSplitOptions.RemoveEmptyEntries).ShouldBe(
                    ["NAMESPACE", "NAME", "DESIRED", "CURRENT", "UPDATED", "READY", "MAINTAINING", "WAITTOBEDELETED", "PREDELETE", "AGE"]);
                lines[1].Split(' ', StringSplitOptions.RemoveEmptyEntries)[..6].ShouldBe([EmulatorHarness.Ns, "sd", "1", "1", "1", "1"]);
            }

            using (var watch = new KubectlProcess(kubeconfig, ["get", "gs", "-n", EmulatorHarness.Ns, "-w"]))
            {
                await watch.WaitForLineAsync("sd-0");
                watch.Out.First().Split(' ', StringSplitOptions.RemoveEmptyEntries).ShouldBe(["NAME", "STATE", "OPSSTATE", "DP", "UP", "AGE"]);

                using var patch = await RunAsync(kubeconfig, "patch", "gss", "sd", "-n", EmulatorHarness.Ns, "--type", "merge", "-p", """{"spec":{"replicas":2}}""");
                patch.ExitCode.ShouldBe(0, patch.Errors);
                patch.Output.ShouldContain("patched");
                await watch.WaitForLineAsync("sd-1");
                await watch.WaitForLineAsync("Ready");
            }

            await h.SettleAsync();
            var uid = (await h.Client.CoreV1.ReadNamespacedPodAsync("sd-0", EmulatorHarness.Ns, cancellationToken: EmulatorHarness.Ct)).Metadata.Uid;
            using (var delete = await RunAsync(kubeconfig, "delete", "pod", "sd-0", "-n", EmulatorHarness.Ns))
            {
                delete.ExitCode.ShouldBe(0, delete.Errors);
                delete.Output.ShouldContain("deleted");
            }

            await h.SettleAsync();
            (await h.Client.CoreV1.ReadNamespacedPodAsync("sd-0", EmulatorHarness.Ns, cancellationToken: EmulatorHarness.Ct)).Metadata.Uid.ShouldNotBe(uid);
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }
}
