# CloudFormation custom resource: runs a service's migration task on ECS Fargate and waits for it, so the stack update
# replaces the service's tasks only after the schema is migrated, and fails (rolling back) when the migration fails.
import json
import time
import urllib.request

import boto3

ecs = boto3.client("ecs")


def respond(event, status, reason, physical_id):
    body = json.dumps({
        "Status": status, "Reason": reason[:3000], "PhysicalResourceId": physical_id,
        "StackId": event["StackId"], "RequestId": event["RequestId"],
        "LogicalResourceId": event["LogicalResourceId"], "Data": {},
    }).encode()
    request = urllib.request.Request(event["ResponseURL"], data=body, method="PUT",
                                     headers={"Content-Type": "", "Content-Length": str(len(body))})
    urllib.request.urlopen(request, timeout=30)


def run(props, context):
    started = ecs.run_task(
        cluster=props["Cluster"], taskDefinition=props["TaskDefinition"], launchType="FARGATE",
        startedBy="cloudformation-migration",
        networkConfiguration={"awsvpcConfiguration": {
            "subnets": props["Subnets"], "securityGroups": props["SecurityGroups"], "assignPublicIp": "DISABLED"}})
    if started.get("failures") or not started.get("tasks"):
        raise RuntimeError("the migration task did not start: %s" % started.get("failures"))
    arn = started["tasks"][0]["taskArn"]
    while context.get_remaining_time_in_millis() > 30000:
        time.sleep(float(props.get("PollIntervalSeconds", 10)))
        task = ecs.describe_tasks(cluster=props["Cluster"], tasks=[arn])["tasks"][0]
        if task["lastStatus"] == "STOPPED":
            container = task["containers"][0]
            if container.get("exitCode") == 0:
                return arn
            raise RuntimeError("migration task %s stopped with exit code %s (%s); its output is in the log group of "
                               "service %s, stream prefix %s-migrate" % (arn, container.get("exitCode"),
                                                                         task.get("stoppedReason"), props["Service"],
                                                                         props["Service"]))
    ecs.stop_task(cluster=props["Cluster"], task=arn, reason="migration did not finish in time")
    raise RuntimeError("migration task %s did not finish within the deployment's time limit" % arn)


def handler(event, context):
    physical_id = event.get("PhysicalResourceId", "migration")
    if event["RequestType"] == "Delete":
        respond(event, "SUCCESS", "nothing to undo: migrations are expand-only", physical_id)
        return
    try:
        arn = run(event["ResourceProperties"], context)
        respond(event, "SUCCESS", "migration task %s exited 0" % arn, arn)
    except Exception as error:  # every failure must reach CloudFormation, or the stack waits for an hour
        respond(event, "FAILED", str(error), physical_id)
