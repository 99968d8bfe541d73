# Module builds (or ThrottleLimit values) side by side on one scale scenario, for iterating on the engine's cost:
# each contender in a fresh pwsh, alternating order over several rounds, against one simulated tenant. Per run it
# reports wall time, the client's CPU, allocation and collections (bench/Run-Module.ps1) and the simulator's CPU
# (from /proc), so client-side cost can be told from waiting. Prints a table; writes nothing.
#   ./bench/Compare.ps1 -Module before=/tmp/before/AdeTokens.psd1,after=out/AdeTokens/0.1.0/AdeTokens.psd1 -Scenario b
param(
    # label=path to a laid-out AdeTokens.psd1, one per contender.
    [Parameter(Mandatory)] [string[]] $Module,
    [Parameter(Mandatory)] [string] $SimulatorPath,
    [ValidateSet('a', 'b', 'c', 'd')] [string] $Scenario = 'b',
    [int] $Rounds = 3,
    # Runs per process: the first is the fresh process, the third and later give the steady figure.
    [int] $Runs = 4,
    # ThrottleLimit values to try with every module; 0 is the cmdlet's default.
    [int[]] $ThrottleLimit = @(0),
    [int] $LatencyMs = 50,
    # Bodies without Content-Length (chunked), as compressed responses come.
    [switch] $Chunked,
    # Run the command without the scenario's switch (-IncludeDevices or -IncludeProfiles): a few requests, where a
    # fresh process's first run is mostly start-up cost.
    [switch] $WithoutSwitch
)
$ErrorActionPreference = 'Stop'
Set-StrictMode -Version Latest
. (Join-Path $PSScriptRoot 'BenchTenant.ps1')
$work = Join-Path ([IO.Path]::GetTempPath()) "adetokens-compare-$PID"
New-Item -ItemType Directory -Force $work | Out-Null
$pwsh = @([Environment]::ProcessPath)
if ([IO.Path]::GetFileNameWithoutExtension($pwsh[0]) -eq 'dotnet') { $pwsh += (Join-Path $PSHOME 'pwsh.dll') }
$s = $BenchScenarios | Where-Object Key -eq $Scenario

function Get-CpuSeconds { param([int] $ProcessId) $f = (Get-Content "/proc/$ProcessId/stat" -Raw) -replace '^.*\) ', '' -split ' '; ([double]$f[11] + [double]$f[12]) / 100 }

$contenders = foreach ($m in $Module) {
    $label, $path = $m -split '=', 2
    foreach ($t in $ThrottleLimit) { [pscustomobject]@{ Label = if ($t) { "$label t=$t" } else { $label }; Path = (Resolve-Path $path).Path; Throttle = $t } }
}
$sc = New-Scenario -Name $s.Key -Tokens $s.Tokens -Devices $s.Devices -Folder $work -LatencyMs $LatencyMs -Chunked:$Chunked
$sim = Start-Sim $sc.Path $SimulatorPath
$rows = [Collections.Generic.List[object]]::new()
try {
    $switches = if ($s.Switch -and -not $WithoutSwitch) { @($s.Switch) } else { @() }
    $warm = @((Join-Path $PSScriptRoot 'Run-Module.ps1'), '-ModulePath', $contenders[0].Path, '-GraphEndpoint', $sim.Url, '-AccessToken', $sim.Token, '-IncludeDevices', '-Runs', '1')
    Reset-Budget $sim
    $null = & $pwsh[0] @($pwsh | Select-Object -Skip 1) -NoProfile -NonInteractive -File @warm
    for ($r = 0; $r -lt $Rounds; $r++) {
        $order = if ($r % 2 -eq 0) { $contenders } else { [Linq.Enumerable]::Reverse([object[]]$contenders) }
        foreach ($c in $order) {
            Reset-Budget $sim
            $args2 = @((Join-Path $PSScriptRoot 'Run-Module.ps1'), '-ModulePath', $c.Path, '-GraphEndpoint', $sim.Url, '-AccessToken', $sim.Token, '-ThrottleLimit', $c.Throttle, '-Runs', $Runs, '-PauseSeconds', $s.PauseSeconds, '-PauseFromRun', $s.PauseFromRun) + $switches
            $simCpu = Get-CpuSeconds $sim.Process.Id
            $j = & $pwsh[0] @($pwsh | Select-Object -Skip 1) -NoProfile -NonInteractive -File @args2 | Select-Object -Last 1 | ConvertFrom-Json
            $simCpu = (Get-CpuSeconds $sim.Process.Id) - $simCpu
            $b = Invoke-RestMethod "$($sim.Url)/_sim/budget"
            $p = @($j.PerRun)
            $rows.Add([pscustomobject]@{
                Contender = $c.Label; Round = $r + 1
                First = $p[0].Seconds; Second = $p[1 % $p.Count].Seconds; Steady = [double]$j.SteadySeconds
                CpuFirst = $p[0].CpuSeconds; CpuSecond = $p[-1].CpuSeconds
                AllocMB = $p[-1].AllocatedMB; Gen0 = $p[-1].Gen0; Gen1 = $p[-1].Gen1; Gen2 = $p[-1].Gen2; PauseS = $p[-1].GcPauseSeconds
                SimCpuBoth = $simCpu; PeakMB = $j.PeakWorkingSetMB; Rejected = [int]$b.rejected; Incomplete = $j.Incomplete
            })
        }
    }
}
finally {
    Stop-Sim $sim
    Remove-Item $work -Recurse -Force -ErrorAction SilentlyContinue
}
Write-Host "== $($s.Title)$(if ($WithoutSwitch) { ', without the switch' })$(if ($Chunked) { ', chunked bodies' }), $Rounds round(s); CPU, allocation, collections and pause of the last run unless named first"
$rows | Format-Table -AutoSize @{n='contender';e={$_.Contender}}, Round, @{n='first s';e={'{0:0.00}' -f $_.First}}, @{n='second s';e={'{0:0.00}' -f $_.Second}}, @{n='steady s';e={'{0:0.00}' -f $_.Steady}},
    @{n='cpu 1st';e={'{0:0.00}' -f $_.CpuFirst}}, @{n='cpu last';e={'{0:0.00}' -f $_.CpuSecond}}, @{n='alloc MB';e={'{0:0}' -f $_.AllocMB}}, Gen0, Gen1, Gen2,
    @{n='gc pause s';e={'{0:0.00}' -f $_.PauseS}}, @{n='sim cpu s';e={'{0:0.00}' -f $_.SimCpuBoth}}, @{n='peak MB';e={'{0:0}' -f $_.PeakMB}}, Rejected, Incomplete | Out-String -Width 250 | Write-Host
$rows | Group-Object Contender | ForEach-Object {
    $g = $_.Group
    $med = { param($xs) $v = @($xs | Sort-Object); $v[[int][math]::Floor($v.Count / 2)] }
    '{0,-24} median first {1:0.00} s, second {2:0.00} s, steady {8:0.00} s, cpu {3:0.00}/{4:0.00} s, alloc {5:0} MB, gen2 {6}, pause {7:0.00} s' -f $_.Name,
        (& $med $g.First), (& $med $g.Second), (& $med $g.CpuFirst), (& $med $g.CpuSecond), (& $med $g.AllocMB), (& $med $g.Gen2), (& $med $g.PauseS), (& $med $g.Steady)
} | Write-Host
