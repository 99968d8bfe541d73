#Requires -Version 7.2
<#
.SYNOPSIS
    Builds, tests and demonstrates AdeTokens. Plain tasks: InvokeBuild is not available to us.
.EXAMPLE
    dotnet tool restore && dotnet pwsh ./build.ps1 -Task Demo
.EXAMPLE
    dotnet tool restore && dotnet pwsh ./build.ps1 -Task Test
#>
[CmdletBinding()]
param(
    [ValidateSet('Build', 'Test', 'Demo', 'Bench', 'Clean')]
    [string[]] $Task = 'Build',

    [ValidateSet('Debug', 'Release')]
    [string] $Configuration = 'Release'
)

$ErrorActionPreference = 'Stop'
Set-StrictMode -Version Latest
$root = $PSScriptRoot
$manifest = Import-PowerShellDataFile (Join-Path $root 'AdeTokens.psd1')
$version = $manifest.ModuleVersion
$moduleDir = Join-Path $root 'out' 'AdeTokens' $version
$env:DOTNET_CLI_TELEMETRY_OPTOUT = '1'
$env:DOTNET_NOLOGO = '1'

# A plain function on purpose: an advanced one would take dotnet's -v and -c as its own common parameters.
function Invoke-Dotnet {
    $Arguments = [string[]]$args
    # Out-Host: tool output must not become the return value of the task that called us.
    & dotnet @Arguments | Out-Host
    if ($LASTEXITCODE -ne 0) { throw "dotnet $($Arguments -join ' ') failed with exit code $LASTEXITCODE." }
}

function Get-NuGetPackagesFolder {
    if ($env:NUGET_PACKAGES) { return $env:NUGET_PACKAGES }
    $line = & dotnet nuget locals global-packages --list | Select-Object -Last 1
    return ($line -replace '^.*?global-packages:\s*', '').Trim()
}

function Invoke-Build {
    Write-Host "== Build $Configuration -> $moduleDir" -ForegroundColor Cyan
    Invoke-Dotnet build (Join-Path $root 'AdeTokens.sln') -c $Configuration --nologo -v quiet
    if (Test-Path $moduleDir) { Remove-Item $moduleDir -Recurse -Force }
    $bin = Join-Path $moduleDir 'bin'
    Invoke-Dotnet publish (Join-Path $root 'src/AdeTokens/AdeTokens.csproj') -c $Configuration -f net8.0 -o (Join-Path $bin 'net8.0' 'lib') --no-build --nologo -v quiet
    Invoke-Dotnet publish (Join-Path $root 'src/AdeTokens/AdeTokens.csproj') -c $Configuration -f net472 -o (Join-Path $bin 'net472') --no-build --nologo -v quiet
    Copy-Item (Join-Path $root "src/AdeTokens.Loader/bin/$Configuration/net8.0/AdeTokens.Loader.dll") (Join-Path $bin 'net8.0')
    # PowerShell supplies System.Management.Automation; shipping one would shadow it.
    Get-ChildItem $bin -Recurse -Include 'System.Management.Automation.dll', '*.pdb', '*.deps.json' | Remove-Item -Force
    Copy-Item (Join-Path $root 'AdeTokens.psd1') $moduleDir
    Copy-Item (Join-Path $root 'src/AdeTokens/AdeTokens.psm1') $moduleDir
    Copy-Item (Join-Path $root 'src/AdeTokens/*.Format.ps1xml') $moduleDir
    $helpSource = Join-Path $root 'docs/en-US'
    if (Test-Path $helpSource) {
        $helpDir = New-Item -ItemType Directory -Force (Join-Path $moduleDir 'en-US')
        Get-ChildItem $helpSource -Filter 'about_*.md' | ForEach-Object {
            Copy-Item $_.FullName (Join-Path $helpDir ($_.BaseName + '.help.txt'))
        }
    }
    # MAML for Get-Help. PowerShell 7 reads the module's en-US copy; the copies beside each AdeTokens.dll are for 5.1's nested binary module.
    & (Join-Path $root 'tools/New-AdeMamlHelp.ps1') -ModulePath (Join-Path $moduleDir 'AdeTokens.psd1') -OutputDirectory (Join-Path $moduleDir 'en-US'), (Join-Path $bin 'net472' 'en-US'), (Join-Path $bin 'net8.0' 'lib' 'en-US')
    $size = (Get-ChildItem $moduleDir -Recurse -File | Measure-Object Length -Sum).Sum / 1MB
    Write-Host ('   module laid out: {0:N1} MB' -f $size)
}

function Restore-Pester {
    Invoke-Dotnet restore (Join-Path $root 'tests/tools/tools.csproj') --nologo -v quiet
    $pester = Join-Path (Get-NuGetPackagesFolder) 'pester' '6.2.0' 'tools' 'Pester.psd1'
    if (-not (Test-Path $pester)) { throw "Pester was not restored to $pester." }
    return $pester
}

function Invoke-XunitTests {
    Write-Host '== xunit' -ForegroundColor Cyan
    $results = Join-Path $root 'out' 'TestResults'
    if (Test-Path $results) { Remove-Item $results -Recurse -Force }
    & dotnet test (Join-Path $root 'tests/AdeTokens.Core.Tests/AdeTokens.Core.Tests.csproj') -c $Configuration --no-build --nologo `
        --logger 'trx;LogFileName=core.trx' --logger 'console;verbosity=normal' --results-directory $results | Out-Host
    $exit = $LASTEXITCODE
    $trx = Get-ChildItem $results -Filter '*.trx' -Recurse | Select-Object -First 1
    if (-not $trx) { return [pscustomobject]@{ Passed = 0; Failed = 1; Note = "xunit produced no results (exit $exit)" } }
    $counters = ([xml](Get-Content $trx.FullName -Raw)).TestRun.ResultSummary.Counters
    $failed = [int]$counters.failed + [int]$counters.error + [int]$counters.timeout + [int]$counters.aborted
    if ($exit -ne 0 -and $failed -eq 0) { $failed = 1 }
    [pscustomobject]@{ Passed = [int]$counters.passed; Failed = $failed; Note = $null }
}

function Invoke-PesterTests {
    Write-Host '== Pester' -ForegroundColor Cyan
    $pester = Restore-Pester
    $summary = Join-Path $root 'out' 'pester-summary.json'
    if (Test-Path $summary) { Remove-Item $summary -Force }
    # A fresh process, so the module under test is imported from out/ into a clean session.
    & dotnet pwsh -NoProfile -NonInteractive -File (Join-Path $root 'tests/pester/Invoke-PesterSuite.ps1') `
        -PesterPath $pester -ModulePath (Join-Path $moduleDir 'AdeTokens.psd1') -SummaryPath $summary | Out-Host
    if (-not (Test-Path $summary)) { return [pscustomobject]@{ Passed = 0; Failed = 1; Note = "Pester produced no summary (exit $LASTEXITCODE)" } }
    $s = Get-Content $summary -Raw | ConvertFrom-Json
    [pscustomobject]@{ Passed = [int]$s.Passed; Failed = [int]$s.Failed; Note = $null }
}

function Invoke-Test {
    Invoke-Build
    $x = Invoke-XunitTests
    $p = Invoke-PesterTests
    foreach ($r in $x, $p) { if ($r.Note) { Write-Host $r.Note -ForegroundColor Red } }
    Write-Host ("xunit: {0} passed, {1} failed; Pester: {2} passed, {3} failed" -f $x.Passed, $x.Failed, $p.Passed, $p.Failed)
    $passed = $x.Passed + $p.Passed
    $failed = $x.Failed + $p.Failed
    Write-Host "Tests: $passed passed, $failed failed"
    if ($failed -gt 0 -or $passed -eq 0) { exit 1 }
}

function Invoke-Demo {
    Invoke-Build
    & dotnet pwsh -NoProfile -File (Join-Path $root 'examples/Demo.ps1') -ModulePath (Join-Path $moduleDir 'AdeTokens.psd1') `
        -SimulatorPath (Join-Path $root "tests/AdeTokens.Simulator/bin/$Configuration/net10.0/AdeTokens.Simulator.dll") `
        -ScenarioPath (Join-Path $root 'tests/scenarios/demo.json')
    if ($LASTEXITCODE -ne 0) { exit $LASTEXITCODE }
}

function Invoke-Bench {
    Invoke-Build
    Invoke-Dotnet run --project (Join-Path $root 'bench/AdeTokens.Bench/AdeTokens.Bench.csproj') -c Release -- `
        --simulator (Join-Path $root "tests/AdeTokens.Simulator/bin/$Configuration/net10.0/AdeTokens.Simulator.dll") `
        --scenarios (Join-Path $root 'tests/scenarios')
}

function Invoke-Clean {
    foreach ($d in @('out') + (Get-ChildItem $root -Recurse -Directory -Include 'bin', 'obj' | Where-Object FullName -NotMatch '[\\/]\.git[\\/]' | ForEach-Object FullName)) {
        $path = if ([IO.Path]::IsPathRooted($d)) { $d } else { Join-Path $root $d }
        if (Test-Path $path) { Remove-Item $path -Recurse -Force }
    }
}

foreach ($t in $Task) {
    switch ($t) {
        'Build' { Invoke-Build }
        'Test' { Invoke-Test }
        'Demo' { Invoke-Demo }
        'Bench' { Invoke-Bench }
        'Clean' { Invoke-Clean }
    }
}
