#Requires -Version 7.2
<#
.SYNOPSIS
    How long AdeTokens makes a fresh PowerShell take: Import-Module, and start -> Connect-AdeGraph -> first token.
.DESCRIPTION
    Runs, side by side in the same rounds, fresh `pwsh -NoProfile` processes that
      - do nothing (`-c 1`), the bare start;
      - run `Import-Module AdeTokens` (found by name on PSModulePath, as after Install-PSResource);
      - run Connect-AdeGraph -AccessToken against the simulated tenant and wait for the first Get-AdeTokenStatus result.
    Prints the median of each over -Runs rounds and the difference to the bare start, against the targets of issue 8:
    import at most 250 ms more, first result within 1.5 s of a bare start. Wall-clock times, so run it on a quiet
    machine; build.ps1 -Task Bench runs it after the streaming benchmark.
.EXAMPLE
    dotnet pwsh ./bench/Import.ps1 -ModuleRoot ./out -SimulatorPath ./tests/AdeTokens.Simulator/bin/Release/net10.0/AdeTokens.Simulator.dll -ScenarioPath ./tests/scenarios/demo.json
#>
[CmdletBinding()]
param(
    # The folder that holds AdeTokens/<version>/AdeTokens.psd1 (build.ps1 lays it out in out/).
    [Parameter(Mandatory)] [string] $ModuleRoot,
    [Parameter(Mandatory)] [string] $SimulatorPath,
    [Parameter(Mandatory)] [string] $ScenarioPath,
    [ValidateRange(1, 51)] [int] $Runs = 7
)
$ErrorActionPreference = 'Stop'
Set-StrictMode -Version Latest
$inv = [Globalization.CultureInfo]::InvariantCulture
$ModuleRoot = (Resolve-Path $ModuleRoot).Path

# The PowerShell running this script, started afresh. Under `dotnet pwsh` that is dotnet with pwsh.dll.
$exe = [Environment]::ProcessPath
$prefix = @()
if ([IO.Path]::GetFileNameWithoutExtension($exe) -eq 'dotnet') { $prefix = @(Join-Path $PSHOME 'pwsh.dll') }

function Measure-Pwsh {
    # Wall time from start to exit, or to the first line of output when -UntilOutput is set.
    param([string] $Command, [hashtable] $Environment, [switch] $UntilOutput)
    $psi = [Diagnostics.ProcessStartInfo]::new($exe)
    foreach ($a in $prefix + @('-NoProfile', '-NonInteractive', '-Command', $Command)) { $psi.ArgumentList.Add($a) }
    foreach ($k in $Environment.Keys) { $psi.Environment[$k] = $Environment[$k] }
    $psi.RedirectStandardOutput = $true
    $psi.RedirectStandardError = $true
    $psi.UseShellExecute = $false
    $sw = [Diagnostics.Stopwatch]::StartNew()
    $p = [Diagnostics.Process]::Start($psi)
    $err = $p.StandardError.ReadToEndAsync()
    $first = $null
    if ($UntilOutput) {
        $line = $p.StandardOutput.ReadLine()
        $first = $sw.Elapsed.TotalMilliseconds
        $rest = $p.StandardOutput.ReadToEnd()
        $line = "$line$rest"
    }
    else {
        $line = $p.StandardOutput.ReadToEnd()
    }
    $p.WaitForExit()
    $total = $sw.Elapsed.TotalMilliseconds
    if ($p.ExitCode -ne 0) { throw "pwsh -c '$Command' exited with $($p.ExitCode): $($err.GetAwaiter().GetResult())$line" }
    if ($UntilOutput) {
        if ($line -notmatch 'first-token') { throw "No token came back: $line $($err.GetAwaiter().GetResult())" }
        return $first
    }
    return $total
}

function Get-Median([double[]] $values) {
    $sorted = [double[]]($values | Sort-Object)
    $n = $sorted.Count
    if ($n % 2) { return $sorted[($n - 1) / 2] }
    return ($sorted[$n / 2 - 1] + $sorted[$n / 2]) / 2
}

# The simulated tenant, as in the tests.
$sim = [Diagnostics.ProcessStartInfo]::new('dotnet')
foreach ($a in $SimulatorPath, '--scenario', $ScenarioPath) { $sim.ArgumentList.Add($a) }
$sim.RedirectStandardInput = $true
$sim.RedirectStandardOutput = $true
$sim.RedirectStandardError = $true
$sim.UseShellExecute = $false
$simulator = [Diagnostics.Process]::Start($sim)
try {
    $url = $simulator.StandardOutput.ReadLine()
    $null = $simulator.StandardOutput.ReadLine()
    if ($url -notmatch '^http://127\.0\.0\.1:\d+$') { throw "The simulator did not start: $url" }
    $token = (Invoke-RestMethod -Method Post -Uri "$url/_sim/token" -Body '{"roles":["DeviceManagementServiceConfig.Read.All"]}' -ContentType 'application/json').access_token

    # Same environment for every kind of run; the module is found by name, and the token never sits on a command line.
    $environment = @{
        PSModulePath             = $ModuleRoot + [IO.Path]::PathSeparator + $env:PSModulePath
        ADE_BENCH_TOKEN          = $token
        ADE_BENCH_GRAPH          = $url
        POWERSHELL_TELEMETRY_OPTOUT = '1'
        POWERSHELL_UPDATECHECK   = 'Off'
    }
    $connect = @'
Connect-AdeGraph -AccessToken (ConvertTo-SecureString $env:ADE_BENCH_TOKEN -AsPlainText -Force) -GraphEndpoint $env:ADE_BENCH_GRAPH | Out-Null
Get-AdeTokenStatus | Select-Object -First 1 | ForEach-Object { 'first-token' }
'@
    $kinds = [ordered]@{
        bare    = @{ Command = '1' }
        import  = @{ Command = 'Import-Module AdeTokens' }
        connect = @{ Command = $connect; UntilOutput = $true }
    }
    $times = @{}
    foreach ($k in $kinds.Keys) { $times[$k] = [Collections.Generic.List[double]]::new() }

    # One round to warm the disk cache and PowerShell's own caches; not counted.
    foreach ($k in $kinds.Keys) {
        $a = $kinds[$k]
        $null = Measure-Pwsh -Command $a.Command -Environment $environment -UntilOutput:([bool]$a['UntilOutput'])
    }
    for ($i = 0; $i -lt $Runs; $i++) {
        foreach ($k in $kinds.Keys) {
            $a = $kinds[$k]
            $times[$k].Add((Measure-Pwsh -Command $a.Command -Environment $environment -UntilOutput:([bool]$a['UntilOutput'])))
        }
    }
}
finally {
    try { $simulator.StandardInput.Close() } catch { }
    if (-not $simulator.WaitForExit(5000)) { $simulator.Kill($true) }
}

$bare = Get-Median $times.bare
$import = Get-Median $times.import
$first = Get-Median $times.connect
$rows = @(
    [pscustomobject]@{ Run = 'pwsh -NoProfile -c 1'; MedianMs = $bare; OverBareMs = 0; TargetMs = ''; Verdict = '' }
    [pscustomobject]@{ Run = 'Import-Module AdeTokens'; MedianMs = $import; OverBareMs = $import - $bare; TargetMs = '<= 250'; Verdict = if ($import - $bare -le 250) { 'met' } else { 'missed' } }
    [pscustomobject]@{ Run = 'Connect-AdeGraph -> first Get-AdeTokenStatus result'; MedianMs = $first; OverBareMs = $first - $bare; TargetMs = '<= 1500'; Verdict = if ($first - $bare -le 1500) { 'met' } else { 'missed' } }
)
Write-Host ''
Write-Host ("Import and first-result times, median of {0} fresh processes each ({1}, {2} logical CPUs)" -f $Runs, [Runtime.InteropServices.RuntimeInformation]::OSDescription, [Environment]::ProcessorCount)
foreach ($r in $rows) {
    Write-Host ([string]::Format($inv, '  {0,-52} {1,8:F0} ms  {2,8} ms over bare  {3,-8} {4}', $r.Run, $r.MedianMs, ([string]::Format($inv, '{0:+0;-0;0}', $r.OverBareMs)), $r.TargetMs, $r.Verdict))
}
foreach ($k in $kinds.Keys) {
    Write-Host ([string]::Format($inv, '  all {0,-8} {1}', $k, (($times[$k] | ForEach-Object { [string]::Format($inv, '{0:F0}', $_) }) -join ' ')))
}
