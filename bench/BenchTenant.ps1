# The simulated tenants the scale benchmarks run against (dot-sourced by Scale.ps1 and Compare.ps1).

# The four scenarios of issue 7. Runs: how often each contender runs in its process (the first is the fresh process,
# the third and later the steady session); a run of (b) is about 200 requests, so four stay inside one budget window.
# RunsWithout: how often the command without the switch runs (a request or two, so its steady figure, the upper median
# of the third and later runs, needs more samples than two to say more than one run's noise).
# PauseSeconds / PauseFromRun: an untimed pause before each run from PauseFromRun on. (c) sends about 500 requests a
# run, so each later run first waits for the window to empty. The others pause 5 s before the steady runs (the second
# stays back to back): on two cores, a run started at once shares them with .NET's tiered compiler, which recompiles the
# hot code of the run before; (b)'s second and third back-to-back runs used 1.8 to 2.0 s of client CPU, the fourth 1.0.
# (b)'s steady runs pause 21 s instead: its steady runs ranged from 0.35 to 0.70 s with the same client CPU, so two
# samples said little, and after 21 s the runs before have left the budget's window, so four fit (about 200 requests
# each). The command without the switch keeps a 5 s pause (Scale.ps1).
$BenchScenarios = @(
    @{ Key = 'a'; Title = '(a) 50 tokens, no devices'; Tokens = 50; Devices = 0; Read = 'Tokens'; Switch = $null; Runs = 5; PauseSeconds = 5; PauseFromRun = 3 }
    @{ Key = 'b'; Title = '(b) 100 tokens x 2,000 devices'; Tokens = 100; Devices = 2000; Read = 'Devices'; Switch = '-IncludeDevices'; Runs = 6; RunsWithout = 9; PauseSeconds = 21; PauseFromRun = 3 }
    @{ Key = 'c'; Title = '(c) 10 tokens x 50,000 devices'; Tokens = 10; Devices = 50000; Read = 'Devices'; Switch = '-IncludeDevices'; Runs = 3; RunsWithout = 9; PauseSeconds = 21; PauseFromRun = 2 }
    @{ Key = 'd'; Title = '(d) 2,000 tokens, -IncludeProfiles'; Tokens = 2000; Devices = 0; Read = 'Profiles'; Switch = '-IncludeProfiles'; Runs = 5; RunsWithout = 9; PauseSeconds = 5; PauseFromRun = 3 }
)

function New-Scenario {
    param([string] $Name, [int] $Tokens, [int] $Devices, [string] $Folder, [int] $LatencyMs, [switch] $Chunked)
    $list = foreach ($i in 1..$Tokens) {
        $id = '{0:x8}-0000-4000-8000-{1:x12}' -f 0xb0000000, $i
        $profileId = '{0:x8}-0000-4000-8001-{1:x12}' -f 0xb0000000, $i
        $t = [ordered]@{
            id = $id; tokenName = ('Bench {0:0000}' -f $i); appleIdentifier = "bench$i@contoso.com"; tokenType = 'dep'
            tokenExpirationDateTime = "now+$(30 + $i % 300)d"; lastSuccessfulSyncDateTime = 'now-2h'
            profiles = @(@{ id = $profileId; '@odata.type' = '#microsoft.graph.depIOSEnrollmentProfile'; displayName = "Bench iPhone $i"; isDefault = $true })
        }
        if ($Devices -gt 0) {
            $t.generateDevices = @(
                @{ count = $Devices - 10; platform = 'ios'; serialPrefix = ('B{0:0000}E' -f $i); profileId = $profileId; enrollmentState = 'enrolled' }
                @{ count = 10; platform = 'ios'; serialPrefix = ('B{0:0000}F' -f $i); profileId = $profileId; enrollmentState = 'failed' }
            )
        }
        else { $t.syncedDeviceCount = 0 }
        $t
    }
    $scenario = [ordered]@{
        description = "Benchmark: $Tokens tokens x $Devices devices"; tenantId = '0b0b0b0b-1c1c-4d2d-8e3e-4f4f4f4f4f4f'
        pageSize = 500; tokens = @($list); faults = @{ latencyMs = $LatencyMs; chunked = [bool]$Chunked }
        apnsCertificate = @{ appleIdentifier = 'apns@contoso.com'; expirationDateTime = 'now+200d' }
    }
    $path = Join-Path $Folder "$Name.json"
    $scenario | ConvertTo-Json -Depth 8 -Compress | Set-Content $path
    [pscustomobject]@{ Path = $path; Ids = @($list | ForEach-Object { $_.id }) }
}

function Start-Sim {
    param([string] $Scenario, [string] $SimulatorPath)
    $psi = [Diagnostics.ProcessStartInfo]::new('dotnet')
    foreach ($a in $SimulatorPath, '--scenario', $Scenario) { $psi.ArgumentList.Add($a) }
    $psi.RedirectStandardInput = $true; $psi.RedirectStandardOutput = $true; $psi.RedirectStandardError = $true; $psi.UseShellExecute = $false
    $p = [Diagnostics.Process]::Start($psi)
    $url = $p.StandardOutput.ReadLine()
    if ($url -notmatch '^http://127') { throw "Simulator did not start: $url $($p.StandardError.ReadToEnd())" }
    $token = (Invoke-RestMethod -Method Post "$url/_sim/token" -Body '{"roles":["DeviceManagementServiceConfig.Read.All"]}' -ContentType 'application/json').access_token
    [pscustomobject]@{ Process = $p; Url = $url; Token = $token }
}

function Stop-Sim {
    param($Sim)
    try { $Sim.Process.StandardInput.Close() } catch { }
    if (-not $Sim.Process.WaitForExit(5000)) { $Sim.Process.Kill($true) }
}

# Intune's budget by default; a larger one where the budget is not what is measured.
function Reset-Budget {
    param($Sim, [int] $Limit = 1000, [int] $WriteLimit = 100)
    $body = @{ limit = $Limit; writeLimit = $WriteLimit; windowMs = 20000 } | ConvertTo-Json -Compress
    Invoke-RestMethod -Method Put "$($Sim.Url)/_sim/budget" -Body $body -ContentType 'application/json' | Out-Null
}
