#Requires -Version 7.2
<#
.SYNOPSIS
    Builds, tests and demonstrates AdeTokens. Plain tasks: InvokeBuild is not available to us.
.EXAMPLE
    dotnet tool restore && dotnet pwsh ./build.ps1 -Task Demo
.EXAMPLE
    dotnet tool restore && dotnet pwsh ./build.ps1 -Task Test
.EXAMPLE
    dotnet tool restore && dotnet pwsh ./build.ps1 -Task Package
    Builds, then writes out/package/AdeTokens.<version>.nupkg (for Install-PSResource) and out/package/AdeTokens.zip
    (for Azure Automation).
#>
[CmdletBinding()]
param(
    [ValidateSet('Build', 'Test', 'Package', 'Demo', 'Bench', 'Clean')]
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
    # The cmdlets' nested manifest and its bootstrap, one netstandard2.0 file for both editions (AdeTokens.Cmdlets.psd1 says why).
    Copy-Item (Join-Path $root "src/AdeTokens.Bootstrap/bin/$Configuration/netstandard2.0/AdeTokens.Bootstrap.dll") $bin
    $inner = (Get-Content (Join-Path $root 'src/AdeTokens.Bootstrap/AdeTokens.Cmdlets.psd1') -Raw) -replace "ModuleVersion(\s*)=(\s*)'0\.0\.0'", "ModuleVersion`$1=`$2'$version'"
    [IO.File]::WriteAllText((Join-Path $bin 'AdeTokens.Cmdlets.psd1'), $inner, [Text.UTF8Encoding]::new($false))
    # PowerShell supplies System.Management.Automation; shipping one would shadow it.
    Get-ChildItem $bin -Recurse -Include 'System.Management.Automation.dll', '*.pdb', '*.deps.json' | Remove-Item -Force
    Remove-SharedCopies -Bin $bin
    Invoke-ReadyToRun -Bin $bin
    Write-Manifest -Destination (Join-Path $moduleDir 'AdeTokens.psd1')
    Copy-Item (Join-Path $root 'LICENSE') $moduleDir
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
    $null = Test-ModuleManifest (Join-Path $moduleDir 'AdeTokens.psd1') -ErrorAction Stop
    $size = (Get-ChildItem $moduleDir -Recurse -File | Measure-Object Length -Sum).Sum / 1MB
    Write-Host ('   module laid out: {0:N1} MB' -f $size)
}

# ReadyToRun images of the assemblies a health check runs through, for PowerShell 7.6 (.NET 10) on Windows and Linux
# x64: a fresh process (every runbook job) JIT-compiled about 640 methods of ours and 180 of Kiota's in its first
# Test-AdeTokenHealth -IncludeDevices (Isolation.Tests.ps1 counts them). They go to bin/net8.0/r2r/net10.0-<rid>;
# AdeTokens.Loader.LoadContext takes them only on that .NET and platform, and the IL in lib everywhere else. The
# compiler and the runtime pack are the ones the SDK picks (tools/ReadyToRun). Not Microsoft.Graph (44 MB of models, of which we read three), Azure or MSAL (sign-in, once).
$readyToRunAssemblies = @('AdeTokens', 'AdeTokens.Core', 'Microsoft.Kiota.Abstractions', 'Microsoft.Kiota.Authentication.Azure',
    'Microsoft.Kiota.Http.HttpClientLibrary', 'Microsoft.Kiota.Serialization.Json', 'Microsoft.Kiota.Serialization.Text',
    'Microsoft.Kiota.Serialization.Form', 'Microsoft.Graph.Core', 'Std.UriTemplate')
$readyToRunTargets = @('linux-x64', 'win-x64')

function Invoke-ReadyToRun {
    param([string] $Bin)
    $lib = Join-Path $Bin 'net8.0' 'lib'
    $project = Join-Path $root 'tools/ReadyToRun/ReadyToRun.csproj'
    [xml] $xml = Get-Content $project -Raw
    $tfm = $xml.Project.PropertyGroup.TargetFramework | Where-Object { $_ } | Select-Object -First 1
    foreach ($rid in $readyToRunTargets) {
        $info = Join-Path ([IO.Path]::GetTempPath()) "adetokens-r2r-$PID-$rid.txt"
        Invoke-Dotnet msbuild $project -restore -t:WriteReadyToRunTools "-p:RuntimeIdentifier=$rid" "-p:ToolsFile=$info" -nologo -v:q
        $tools = @{}
        foreach ($line in Get-Content $info) { $k, $v = $line -split '=', 2; $tools[$k] = $v }
        Remove-Item $info -Force
        $framework = Join-Path $tools.runtime 'runtimes' $rid 'lib' $tfm
        if (-not (Test-Path $tools.crossgen2) -or -not (Test-Path $framework)) { throw "The SDK gave no ReadyToRun compiler or $tfm runtime pack for $rid ($($tools.crossgen2), $framework)." }
        $os, $arch = $rid -split '-', 2
        $out = New-Item -ItemType Directory -Force (Join-Path $Bin 'net8.0' 'r2r' "$tfm-$rid")
        $compiler = @(if ($tools.host) { $tools.host, $tools.crossgen2 } else { $tools.crossgen2 })
        foreach ($name in $readyToRunAssemblies) {
            $il = Join-Path $lib "$name.dll"
            $image = Join-Path $out "$name.dll"
            $arguments = @($il, '-o', $image, '-O', "--targetos:$(if ($os -eq 'win') { 'windows' } else { $os })", "--targetarch:$arch",
                '-r', (Join-Path $framework '*.dll'), '-r', (Join-Path $lib '*.dll'), '-r', (Join-Path $Bin 'net472' 'Microsoft.Graph.dll'))
            # In a response file: PowerShell on Unix would expand the reference wildcards itself, our input among them.
            $rsp = Join-Path ([IO.Path]::GetTempPath()) "adetokens-r2r-$PID.rsp"
            Set-Content -Path $rsp -Value $arguments
            & $compiler[0] @($compiler | Select-Object -Skip 1) "@$rsp" | Out-Null
            $exit = $LASTEXITCODE
            Remove-Item $rsp -Force
            if ($exit -ne 0) { throw "crossgen2 failed on $name for $rid (exit code $exit)." }
            Assert-ReadyToRunImage -IL $il -Image $image
        }
        Write-Host "   ReadyToRun for $tfm $rid`: $($readyToRunAssemblies.Count) assemblies"
    }
}

# The image must be precompiled and carry exactly the IL it was made from (same module version id), so that whichever
# copy the loader picks, the same code runs.
function Assert-ReadyToRunImage {
    param([string] $IL, [string] $Image)
    $read = {
        param($path)
        $stream = [IO.File]::OpenRead($path)
        try {
            $pe = [Reflection.PortableExecutable.PEReader]::new($stream)
            $md = [Reflection.Metadata.PEReaderExtensions]::GetMetadataReader($pe)
            [pscustomobject]@{ Mvid = $md.GetGuid($md.GetModuleDefinition().Mvid); Native = $pe.PEHeaders.CorHeader.ManagedNativeHeaderDirectory.Size -gt 0 }
        }
        finally { $stream.Dispose() }
    }
    $a = & $read $IL
    $b = & $read $Image
    if (-not $b.Native) { throw "$Image is not a ReadyToRun image." }
    if ($a.Mvid -ne $b.Mvid) { throw "$Image was not made from $IL (module version id $($b.Mvid), not $($a.Mvid))." }
}

# Microsoft.Graph.dll is 44 MB per target framework. PowerShell 7 loads the netstandard2.0 build from bin/net472
# (AdeTokens.Loader.LoadContext.SharedAssemblies names it), so the net8.0 copy is dropped. Only an identical
# assembly version may stand in for it.
function Remove-SharedCopies {
    param([string] $Bin)
    foreach ($name in 'Microsoft.Graph') {
        $core = Join-Path $Bin 'net8.0' 'lib' "$name.dll"
        $desktop = Join-Path $Bin 'net472' "$name.dll"
        if (-not (Test-Path $desktop)) { throw "$desktop is missing; PowerShell 7 loads $name from there." }
        if (Test-Path $core) {
            $a = [Reflection.AssemblyName]::GetAssemblyName($core).Version
            $b = [Reflection.AssemblyName]::GetAssemblyName($desktop).Version
            if ($a -ne $b) { throw "$name is $a for net8.0 but $b for net472; one copy cannot serve both." }
            Remove-Item $core -Force
        }
    }
}

# The laid-out manifest carries the release notes of the newest CHANGELOG.md section, so Get-PSResource,
# the gallery page and Azure Automation show what changed without the repository at hand.
function Get-ReleaseNotes {
    $changelog = (Get-Content (Join-Path $root 'CHANGELOG.md') -Raw) -replace "`r`n", "`n"
    $m = [regex]::Match($changelog, '(?ms)^## (.*?)(?=^## |\z)')
    if (-not $m.Success) { throw 'CHANGELOG.md has no "## <version>" section.' }
    $m.Groups[1].Value.Trim()
}

function Write-Manifest {
    param([string] $Destination)
    $text = Get-Content (Join-Path $root 'AdeTokens.psd1') -Raw
    $notes = (Get-ReleaseNotes) -replace "'", "''"
    $pattern = "ReleaseNotes\s*=\s*'[^']*'"
    if ($text -notmatch $pattern) { throw 'AdeTokens.psd1 has no ReleaseNotes line to fill in.' }
    $text = [regex]::Replace($text, $pattern, { param($m) "ReleaseNotes = '$notes'" })
    [IO.File]::WriteAllText($Destination, $text, [Text.UTF8Encoding]::new($false))
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
    & dotnet test (Join-Path $root 'tests/AdeTokens.Core.Tests/AdeTokens.Core.Tests.csproj') -c $Configuration -f net10.0 --no-build --nologo `
        --logger 'trx;LogFileName=core.trx' --logger 'console;verbosity=normal' --results-directory $results | Out-Host
    $exit = $LASTEXITCODE
    $trx = Get-ChildItem $results -Filter '*.trx' -Recurse | Select-Object -First 1
    if (-not $trx) { return [pscustomobject]@{ Passed = 0; Failed = 1; Note = "xunit produced no results (exit $exit)" } }
    $counters = ([xml](Get-Content $trx.FullName -Raw)).TestRun.ResultSummary.Counters
    $failed = [int]$counters.failed + [int]$counters.error + [int]$counters.timeout + [int]$counters.aborted
    if ($exit -ne 0 -and $failed -eq 0) { $failed = 1 }
    [pscustomobject]@{ Passed = [int]$counters.passed; Failed = $failed; Note = $null }
}

# Mono stands in for .NET Framework where it can. These are the places where it cannot, each named with the reason;
# a test that fails under Mono for any other reason counts as failed. docs/windows-powershell.md lists them too.
$script:MonoLimitations = @(
    @{ Reason = 'Mono has no X509Certificates.CertificateRequest (the certificate sign-in tests make their certificates with it; .NET Framework 4.7.2 has it)'; Match = { param($t) $t.Message -match 'CertificateRequest' } }
    @{ Reason = 'Mono has no winhttp.dll (on .NET Framework, Kiota sends every Graph request through WinHttpHandler)'; Match = { param($t) $t.Message -match 'winhttp\.dll' } }
    @{ Reason = 'Mono hands xunit an enum array as its underlying integer array (Int64[] for the module''s long-based enums), so equal enum sequences compare unequal'; Match = { param($t) $t.Message -match 'Collections differ' -and $t.Message -match 'type System\.Int(32|64)' -and $t.Name -match '^AdeTokens\.Tests\.(Health\.HealthEvaluatorTests\.FindingsAreSortedMostSevereFirst|Remediation\.SyncWaiterTests\.WaitsForSeveralTokensTogether|Alerts\.AlertStateTests\.First_run_reports_each_open_problem_as_new)$' } }
)

function Install-Mono {
    if (Get-Command mono -ErrorAction SilentlyContinue) {
        if (Test-Path '/usr/lib/mono/4.5/Facades/netstandard.dll') { return }
    }
    if (-not (Get-Command apt-get -ErrorAction SilentlyContinue)) { throw 'Mono is missing and there is no apt-get to install it; install mono-runtime and mono-devel.' }
    # mono-runtime alone has no Facades (netstandard.dll, System.Runtime.dll) that netstandard2.0 libraries bind to;
    # Debian ships them in mono-devel.
    Write-Host '   installing mono-runtime and mono-devel (Debian)'
    $env:DEBIAN_FRONTEND = 'noninteractive'
    & apt-get install -y --no-install-recommends mono-runtime mono-devel | Out-Null
    if ($LASTEXITCODE -ne 0) {
        & apt-get update | Out-Null
        & apt-get install -y --no-install-recommends mono-runtime mono-devel | Out-Null
    }
    if ($LASTEXITCODE -ne 0) { throw "apt-get install mono-runtime mono-devel failed with exit code $LASTEXITCODE." }
}

# openssl is a declared test dependency: the renewal tests make certificates and server tokens with it, as an
# encoder independent of .NET's, and fail (never skip) without it.
function Install-Openssl {
    if (Get-Command openssl -CommandType Application -ErrorAction SilentlyContinue) { return }
    if (-not (Get-Command apt-get -ErrorAction SilentlyContinue)) { throw 'openssl is missing and there is no apt-get to install it; install openssl.' }
    Write-Host '   installing openssl (Debian)'
    $env:DEBIAN_FRONTEND = 'noninteractive'
    & apt-get install -y --no-install-recommends openssl | Out-Null
    if ($LASTEXITCODE -ne 0) {
        & apt-get update | Out-Null
        & apt-get install -y --no-install-recommends openssl | Out-Null
    }
    if ($LASTEXITCODE -ne 0) { throw "apt-get install openssl failed with exit code $LASTEXITCODE." }
}

function Invoke-MonoTests {
    Write-Host '== xunit net472 under Mono' -ForegroundColor Cyan
    try {
        Install-Mono
    }
    catch {
        return [pscustomobject]@{ Passed = 0; Failed = 1; Note = "Mono: $_" }
    }
    $runner = Join-Path (Get-NuGetPackagesFolder) 'xunit.runner.console' '2.4.1' 'tools' 'net472' 'xunit.console.exe'
    if (-not (Test-Path $runner)) { Invoke-Dotnet restore (Join-Path $root 'tests/tools/tools.csproj') --nologo -v quiet }
    $tests = Join-Path $root "tests/AdeTokens.Core.Tests/bin/$Configuration/net472/AdeTokens.Core.Tests.dll"
    $xml = Join-Path $root 'out' 'TestResults' 'core-net472-mono.xml'
    $null = New-Item -ItemType Directory -Force (Split-Path $xml)
    & mono $runner $tests -xml $xml -noshadow -nologo | Out-Host
    if (-not (Test-Path $xml)) { return [pscustomobject]@{ Passed = 0; Failed = 1; Note = "xunit under Mono produced no results (exit $LASTEXITCODE)" } }
    $results = ([xml](Get-Content $xml -Raw)).SelectNodes('//test')
    $passed = 0; $failed = 0
    $limited = [ordered]@{}
    foreach ($t in $results) {
        switch ($t.result) {
            'Pass' { $passed++ }
            'Skip' { }
            default {
                $info = [pscustomobject]@{ Name = $t.name; Message = [string]$t.SelectSingleNode("failure/message").InnerText }
                $limit = $script:MonoLimitations | Where-Object { & $_.Match $info } | Select-Object -First 1
                if ($limit) { $limited[$limit.Reason] = 1 + [int]$limited[$limit.Reason] }
                else { $failed++; Write-Host "   FAILED under Mono: $($t.name)" -ForegroundColor Red }
            }
        }
    }
    foreach ($reason in $limited.Keys) { Write-Host ("   not run to the end under Mono ({0}): {1}" -f $limited[$reason], $reason) -ForegroundColor Yellow }
    [pscustomobject]@{ Passed = $passed; Failed = $failed; Note = $null }
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
    # Package, not just Build: Package.Tests.ps1 installs the nupkg the way an admin would.
    Invoke-Package
    Install-Openssl
    $x = Invoke-XunitTests
    $m = Invoke-MonoTests
    $p = Invoke-PesterTests
    foreach ($r in $x, $m, $p) { if ($r.Note) { Write-Host $r.Note -ForegroundColor Red } }
    Write-Host ("xunit: {0} passed, {1} failed; xunit net472 on Mono: {2} passed, {3} failed; Pester: {4} passed, {5} failed" -f $x.Passed, $x.Failed, $m.Passed, $m.Failed, $p.Passed, $p.Failed)
    $passed = $x.Passed + $m.Passed + $p.Passed
    $failed = $x.Failed + $m.Failed + $p.Failed
    Write-Host "Tests: $passed passed, $failed failed"
    if ($failed -gt 0 -or $passed -eq 0) { exit 1 }
}

function Invoke-Package {
    Invoke-Build
    $packageDir = Join-Path $root 'out' 'package'
    if (Test-Path $packageDir) { Remove-Item $packageDir -Recurse -Force }
    $null = New-Item -ItemType Directory $packageDir
    Write-Host "== Package -> $packageDir" -ForegroundColor Cyan
    # Compress-PSResource ships with PSResourceGet in PowerShell 7.4+; it validates the manifest and writes the nuspec from it.
    Compress-PSResource -Path $moduleDir -DestinationPath $packageDir
    $nupkg = Join-Path $packageDir "AdeTokens.$version.nupkg"
    if (-not (Test-Path $nupkg)) { throw "Compress-PSResource wrote no $nupkg." }

    # Azure Automation wants the module folder at the root of the zip: AdeTokens/AdeTokens.psd1.
    $zip = Join-Path $packageDir 'AdeTokens.zip'
    Add-Type -AssemblyName System.IO.Compression, System.IO.Compression.FileSystem
    $archive = [IO.Compression.ZipFile]::Open($zip, [IO.Compression.ZipArchiveMode]::Create)
    try {
        foreach ($file in Get-ChildItem $moduleDir -Recurse -File) {
            $relative = [IO.Path]::GetRelativePath($moduleDir, $file.FullName) -replace '\\', '/'
            $null = [IO.Compression.ZipFileExtensions]::CreateEntryFromFile($archive, $file.FullName, "AdeTokens/$relative", [IO.Compression.CompressionLevel]::Optimal)
        }
    }
    finally {
        $archive.Dispose()
    }
    $limit = 100MB
    foreach ($f in (Get-Item $nupkg), (Get-Item $zip)) {
        Write-Host ('   {0}: {1:N1} MB' -f $f.Name, ($f.Length / 1MB))
    }
    if ((Get-Item $zip).Length -ge $limit) { throw ('AdeTokens.zip is {0:N1} MB; Azure Automation takes at most 100 MB.' -f ((Get-Item $zip).Length / 1MB)) }
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
    # Import and first-result times of a fresh pwsh (bench/RESULTS.md, "Module size and import").
    & (Join-Path $root 'bench/Import.ps1') -ModuleRoot (Join-Path $root 'out') `
        -SimulatorPath (Join-Path $root "tests/AdeTokens.Simulator/bin/$Configuration/net10.0/AdeTokens.Simulator.dll") `
        -ScenarioPath (Join-Path $root 'tests/scenarios/demo.json')
    # The health engine at scale against the community script (bench/RESULTS.md, "Scale").
    & (Join-Path $root 'bench/Scale.ps1') -ModulePath (Join-Path $moduleDir 'AdeTokens.psd1') `
        -SimulatorPath (Join-Path $root "tests/AdeTokens.Simulator/bin/$Configuration/net10.0/AdeTokens.Simulator.dll") `
        -BenchDll (Join-Path $root 'bench/AdeTokens.Bench/bin/Release/net10.0/AdeTokens.Bench.dll')
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
        'Package' { Invoke-Package }
        'Demo' { Invoke-Demo }
        'Bench' { Invoke-Bench }
        'Clean' { Invoke-Clean }
    }
}
