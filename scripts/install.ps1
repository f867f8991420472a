# Puts konektosync.exe on PATH on Windows: a self-contained single-file build (no .NET runtime needed
# on the machine) in $Prefix (default: %ProgramFiles%\KonektoSync), which is added to the machine's
# PATH once. Idempotent: a second run replaces the program with a fresh build. Needs the .NET 10 SDK
# and, for the default folder and the machine PATH, an administrator PowerShell.
#
#   powershell -ExecutionPolicy Bypass -File scripts\install.ps1
#   powershell -ExecutionPolicy Bypass -File scripts\install.ps1 -Prefix C:\Tools\KonektoSync
param(
    [string]$Prefix = (Join-Path $env:ProgramFiles 'KonektoSync'),
    [string]$Runtime = 'win-x64'
)
$ErrorActionPreference = 'Stop'
Set-Location (Join-Path $PSScriptRoot '..')
$out = Join-Path ([IO.Path]::GetTempPath()) ('konektosync-publish-' + [guid]::NewGuid().ToString('N'))
try {
    dotnet publish Host/KonektoSync.Host.csproj -c Release -r $Runtime --self-contained true `
        -p:PublishSingleFile=true -p:IncludeNativeLibrariesForSelfExtract=true -p:DebugType=none `
        -o $out --nologo -v quiet
    if ($LASTEXITCODE -ne 0) { exit $LASTEXITCODE }
    New-Item -ItemType Directory -Force -Path $Prefix | Out-Null
    Copy-Item -Force (Join-Path $out 'konektosync.exe') (Join-Path $Prefix 'konektosync.exe')
}
finally {
    if (Test-Path $out) { Remove-Item -Recurse -Force $out }
}
$machinePath = [Environment]::GetEnvironmentVariable('Path', 'Machine')
$entries = $machinePath -split ';' | Where-Object { $_ -ne '' } | ForEach-Object { $_.TrimEnd('\') }
if ($entries -notcontains $Prefix.TrimEnd('\')) {
    [Environment]::SetEnvironmentVariable('Path', ($machinePath.TrimEnd(';') + ';' + $Prefix), 'Machine')
    Write-Output "added $Prefix to the machine's PATH (open a new console to use it)"
}
$version = & (Join-Path $Prefix 'konektosync.exe') --version
Write-Output "installed $(Join-Path $Prefix 'konektosync.exe') ($version)"
