using FsCheck; using FsCheck.Fluent; using Xunit;
namespace LocalSgdVerify.Tests;
public class SmokeTests { [Fact] public void Adds() { Prop.ForAll<int,int>((a,b)=> a+b==b+a).QuickCheckThrowOnFailure(); Assert.Equal(2, 1+1);} }
