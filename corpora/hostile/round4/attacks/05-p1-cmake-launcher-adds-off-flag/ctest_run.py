import json,subprocess,sys,os
name=sys.argv[1]; tv=os.environ['TSAN_VERIFY']
d=json.load(open('tests.json'))
ts=[x for x in d['tests'] if x['name']==name]
if not ts: print('no test',name); sys.exit(99)
t=ts[0]; cmd=t['command']; cmd[0]=tv
props={p['name']:p['value'] for p in t.get('properties',[])}
env=dict(os.environ)
for kv in props.get('ENVIRONMENT',[]): k,v=kv.split('=',1); env[k]=v
print('+',' '.join(cmd),flush=True)
r=subprocess.run(['nice']+cmd,cwd=props.get('WORKING_DIRECTORY','.'),env=env)
sys.exit(r.returncode)
